namespace CotForge.Pipeline.Items;

/// <summary>
/// The result of one stage function for one item: a value, or the failure that becomes the item's outcome.
/// Stage functions return this instead of throwing, so one item's error never faults a Dataflow block.
/// </summary>
internal readonly struct Outcome<T>
    where T : notnull
{
    private readonly T? _value;

    private Outcome(T? value, ItemFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public ItemFailure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("The outcome is a failure: " + Failure!.Message);

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Failed(ItemFailure failure) => new(default, failure);
}
