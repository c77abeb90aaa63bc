namespace CotForge.Core.Items;

/// <summary>Enters the ambient <see cref="ItemContext"/> for an item unless the caller already entered it.</summary>
internal static class ItemScope
{
    /// <summary>A scope to dispose when done, or null when the current ambient item is already this one.</summary>
    public static IDisposable? EnterIfNeeded(string question, string groundTruth)
    {
        var current = ItemContext.Current;
        if (current is not null && current.Question == question && current.GroundTruth == groundTruth)
        {
            return null;
        }

        return ItemContext.Enter(new ItemContext(ItemId.Compute(question, groundTruth), question, groundTruth));
    }
}
