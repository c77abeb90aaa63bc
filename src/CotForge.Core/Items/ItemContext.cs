namespace CotForge.Core.Items;

/// <summary>
/// The item a piece of work belongs to, carried ambiently (an <see cref="AsyncLocal{T}"/>) through every LLM
/// call made on its behalf. Middleware uses it to attribute tokens and errors to an item; the simulated
/// provider uses the ground truth as its oracle. It never leaves the process: no provider sends it anywhere.
/// </summary>
public sealed record ItemContext(string Id, string Question, string GroundTruth)
{
    private static readonly AsyncLocal<ItemContext?> Ambient = new();

    /// <summary>The item of the current asynchronous flow, or null outside one.</summary>
    public static ItemContext? Current => Ambient.Value;

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(ItemContext context)
    {
        var previous = Ambient.Value;
        Ambient.Value = context;
        return new Scope(previous);
    }

    /// <summary>Restores the previous ambient item when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ItemContext? _previous;

        internal Scope(ItemContext? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => Ambient.Value = _previous;
    }
}
