namespace CotForge.Cli.Commands.Export;

/// <summary>The formats <c>export</c> can write, by --format name.</summary>
internal static class ExportFormats
{
    public static readonly IReadOnlyList<IExportFormat> All = [new ShareGptFormat(), new OpenAiChatFormat(), new AlpacaFormat(), new HuatuoFormat()];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    public static IExportFormat? Find(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
