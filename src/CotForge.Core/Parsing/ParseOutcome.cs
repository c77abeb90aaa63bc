using System.Diagnostics.CodeAnalysis;

namespace CotForge.Core.Parsing;

/// <summary>
/// The result of reading a model's reply: a value (with the repairs that were needed to get it), or a typed,
/// explained failure. Parsing never throws for bad model output.
/// </summary>
/// <typeparam name="T">The value read.</typeparam>
public sealed class ParseOutcome<T>
{
    private static readonly IReadOnlyList<string> NoRepairs = [];

    private ParseOutcome(bool success, T? value, ParseFailureKind kind, string? message, IReadOnlyList<string> repairs)
    {
        IsSuccess = success;
        Value = value;
        FailureKind = kind;
        Message = message;
        Repairs = repairs;
    }

    /// <summary>True when <see cref="Value"/> holds the parsed value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool IsSuccess { get; }

    /// <summary>The parsed value; default on failure.</summary>
    public T? Value { get; }

    /// <summary><see cref="ParseFailureKind.None"/> on success, otherwise why parsing failed.</summary>
    public ParseFailureKind FailureKind { get; }

    /// <summary>On failure, a sentence explaining what was wrong; null on success.</summary>
    public string? Message { get; }

    /// <summary>What had to be fixed to read the reply (e.g. <c>stripped code fence</c>); empty for clean replies.</summary>
    public IReadOnlyList<string> Repairs { get; }

    /// <summary>A successful outcome.</summary>
    internal static ParseOutcome<T> Success(T value, IReadOnlyList<string>? repairs = null) =>
        new(true, value ?? throw new ArgumentNullException(nameof(value)), ParseFailureKind.None, null, repairs ?? NoRepairs);

    /// <summary>A failed outcome.</summary>
    internal static ParseOutcome<T> Failure(ParseFailureKind kind, string message, IReadOnlyList<string>? repairs = null)
    {
        if (kind == ParseFailureKind.None)
        {
            throw new ArgumentException("A failure needs a failure kind.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(false, default, kind, message, repairs ?? NoRepairs);
    }

    /// <inheritdoc />
    public override string ToString() => IsSuccess
        ? Repairs.Count == 0 ? "Success" : $"Success (repairs: {string.Join(", ", Repairs)})"
        : $"{FailureKind}: {Message}";
}

/// <summary>Creates <see cref="ParseOutcome{T}"/> values.</summary>
public static class ParseOutcome
{
    /// <summary>A successful outcome.</summary>
    public static ParseOutcome<T> Success<T>(T value, IReadOnlyList<string>? repairs = null) => ParseOutcome<T>.Success(value, repairs);

    /// <summary>A failed outcome; <paramref name="kind"/> must not be <see cref="ParseFailureKind.None"/>.</summary>
    public static ParseOutcome<T> Failure<T>(ParseFailureKind kind, string message, IReadOnlyList<string>? repairs = null) =>
        ParseOutcome<T>.Failure(kind, message, repairs);
}
