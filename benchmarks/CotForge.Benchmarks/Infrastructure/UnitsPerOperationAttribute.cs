namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// Declares how much work one benchmark operation does, so the report shows a rate (items/s, rows/s, ids/s) beside
/// the time. Either a fixed <see cref="Count"/> or the value of the parameter named <see cref="Parameter"/>.
/// Benchmarks without it get a rate when they have an <c>Items</c>, <c>Rows</c> or <c>Records</c> parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class UnitsPerOperationAttribute(string unit) : Attribute
{
    /// <summary>The unit's name, e.g. "items".</summary>
    public string Unit { get; } = unit;

    /// <summary>Units per operation, when fixed.</summary>
    public long Count { get; init; }

    /// <summary>The parameter holding the units per operation.</summary>
    public string? Parameter { get; init; }
}
