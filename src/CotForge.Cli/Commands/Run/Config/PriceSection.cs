namespace CotForge.Cli.Commands.Run.Config;

/// <summary>Price of one model in US dollars per million tokens.</summary>
internal sealed class PriceSection
{
    /// <summary>USD per million input tokens.</summary>
    public decimal? InputPerMillion { get; set; }

    /// <summary>USD per million output tokens.</summary>
    public decimal? OutputPerMillion { get; set; }
}
