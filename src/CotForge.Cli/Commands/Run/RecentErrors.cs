using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// The distinct errors of this run, read back from the tail of errors.jsonl so the summary can show why items failed
/// (a refused connection, a 401) without the user opening the file. The pipeline reports rejected rows through a
/// callback but failed items only as a count, hence the read-back; only the last 64 KiB are read, so a large
/// errors file costs nothing.
/// </summary>
internal static class RecentErrors
{
    private const int TailBytes = 64 * 1024;

    public sealed record Entry(string Stage, string Kind, string Message, int Count);

    public static IReadOnlyList<Entry> Read(string directory, DateTimeOffset since, int max)
    {
        string path = Path.Combine(directory, "errors.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long start = Math.Max(0, stream.Length - TailBytes);
            stream.Position = start;
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            text = Encoding.UTF8.GetString(buffer);
            if (start > 0)
            {
                int newline = text.IndexOf('\n', StringComparison.Ordinal);
                text = newline < 0 ? "" : text[(newline + 1)..];
            }
        }
        catch (IOException)
        {
            return [];
        }

        var groups = new Dictionary<(string, string, string), int>();
        var order = new List<(string Stage, string Kind, string Message)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(line) is not { } e || e.Time < since)
            {
                continue;
            }

            var key = (e.Stage, e.Kind, e.Message);
            if (groups.TryGetValue(key, out int count))
            {
                groups[key] = count + 1;
            }
            else
            {
                groups[key] = 1;
                order.Add(key);
            }
        }

        return [.. order.Take(max).Select(k => new Entry(k.Stage, k.Kind, k.Message, groups[k]))];
    }

    private static (string Stage, string Kind, string Message, DateTimeOffset Time)? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            return DateTimeOffset.TryParse(root.GetProperty("time").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? (root.GetProperty("stage").GetString() ?? "", root.GetProperty("kind").GetString() ?? "", root.GetProperty("message").GetString() ?? "", time)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
