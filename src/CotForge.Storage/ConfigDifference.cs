namespace CotForge.Storage;

/// <summary>One key whose value differs between config.json and the new run configuration.</summary>
/// <param name="Path">The dotted JSON path of the key, e.g. <c>search.max_depth</c>.</param>
/// <param name="OldValue">The stored value as compact JSON, or null when the key is new.</param>
/// <param name="NewValue">The new value as compact JSON, or null when the key was removed.</param>
public sealed record ConfigDifference(string Path, string? OldValue, string? NewValue);
