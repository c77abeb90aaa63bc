namespace CotForge.Pipeline;

/// <summary>Items inside one stage at a moment.</summary>
/// <param name="Queued">Waiting in the stage's input.</param>
/// <param name="Active">Being worked on.</param>
public readonly record struct StageLoad(int Queued, int Active)
{
    /// <summary>Queued plus active.</summary>
    public int Total => Queued + Active;
}
