using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Tests.Support;

/// <summary>Serialized lines exactly as the writer produces them, for tests that edit files behind the index's back.</summary>
internal static class Lines
{
    public static byte[] Result(CompletedItem item)
    {
        using var buffer = new PooledByteBuffer();
        LineFormatter.WriteResult(buffer, item.Id, item.Question, item.GroundTruth, item.Success, PythonIsoFormat.Format(item.Timestamp), item.ResultJson.Span);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Processed(CompletedItem item)
    {
        using var buffer = new PooledByteBuffer();
        LineFormatter.WriteProcessed(buffer, item.Id, item.Question, item.GroundTruth, item.ChainOfThoughtResponses);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        stream.Write(bytes);
    }
}
