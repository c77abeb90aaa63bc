using System.Text;
using CotForge.Pipeline;

namespace CotForge.Cli.Display;

/// <summary>
/// One plain log line per progress report, for CI logs and pipes where a redrawn display would be noise:
/// <c>[00:42] rows 1,234/5,000 | succeeded 800 unverified 120 failed 3 rejected 5 duplicate 10 | in flight 64 (search 40 verify 12 post 8 persist 4) | 45.1 items/s | ETA 3m10s | success 87.0% | tokens 1,234,567</c>.
/// </summary>
internal static class ProgressLine
{
    public static string Format(PipelineProgress p, ProgressStats stats)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(stats);
        var line = new StringBuilder();
        line.Append('[').Append(Display.Format.Clock(p.Elapsed)).Append("] rows ").Append(Display.Format.Count(p.RowsRead));
        if (stats.TotalRows is { } total)
        {
            line.Append("/~").Append(Display.Format.Count(total));
        }

        line.Append(" | succeeded ").Append(Display.Format.Count(p.Succeeded))
            .Append(" unverified ").Append(Display.Format.Count(p.Unverified))
            .Append(" failed ").Append(Display.Format.Count(p.Failed))
            .Append(" rejected ").Append(Display.Format.Count(p.Rejected))
            .Append(" duplicate ").Append(Display.Format.Count(p.Duplicates));
        if (p.Abandoned > 0)
        {
            line.Append(" abandoned ").Append(Display.Format.Count(p.Abandoned));
        }

        line.Append(" | in flight ").Append(Display.Format.Count(p.InFlight))
            .Append(" (search ").Append(p.Search.Total)
            .Append(" verify ").Append(p.Verify.Total)
            .Append(" post ").Append(p.PostProcess.Total)
            .Append(" persist ").Append(p.Persist.Total).Append(')')
            .Append(" | ").Append(Display.Format.Rate(p.IsFinal ? p.AverageItemsPerSecond : p.ItemsPerSecond));
        if (stats.Eta is { } eta && !p.IsFinal)
        {
            line.Append(" | ETA ").Append(Display.Format.Duration(eta));
        }

        if (ProgressStats.SuccessRate(p) is { } rate)
        {
            line.Append(" | success ").Append(Display.Format.Percent(rate));
        }

        if (p.TotalTokens is { } tokens && (tokens > 0 || p.LlmCalls > 0))
        {
            line.Append(" | tokens ").Append(Display.Format.Count(tokens));
        }

        return line.ToString();
    }
}
