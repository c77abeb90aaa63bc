namespace CotForge.Storage.Jsonl;

/// <summary>Shared file-system settings for the JSONL files.</summary>
internal static class JsonlFiles
{
    /// <summary>Sequential reads use large buffers: results lines are several KB each.</summary>
    public const int ReadBufferSize = 1 << 20;

    public static FileStream OpenForSequentialRead(string path, bool asynchronous = false) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,

            // The writer appends while readers stream; readers only look at the range the index covers.
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan | (asynchronous ? FileOptions.Asynchronous : FileOptions.None),
        });

    public static long LengthOrZero(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
