namespace CotForge.Cli.Commands.Run;

/// <summary>The input file types <c>run</c> reads, recognised by extension.</summary>
internal static class InputFormats
{
    public static readonly IReadOnlyList<string> Extensions = [".jsonl", ".json", ".csv", ".tsv"];

    public static bool IsSupported(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
