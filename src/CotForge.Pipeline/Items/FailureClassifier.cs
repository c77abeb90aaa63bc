using CotForge.Core.Search;
using CotForge.Llm;

namespace CotForge.Pipeline.Items;

/// <summary>Turns whatever an item's work threw into its <see cref="ItemFailure"/>.</summary>
internal static class FailureClassifier
{
    public const string BudgetExceededKind = "budget_exceeded";
    public const string UnexpectedKind = "unexpected_error";

    /// <param name="exception">What was thrown.</param>
    /// <param name="stage">The stage that was running.</param>
    /// <param name="workToken">The run's work token: a cancellation caused by it abandons the item.</param>
    public static ItemFailure Classify(Exception exception, string stage, CancellationToken workToken)
    {
        if (exception is OperationCanceledException && workToken.IsCancellationRequested)
        {
            return ItemFailure.Cancelled(stage);
        }

        if (FindBudget(exception) is { } budget)
        {
            string where = exception is ReasoningFailureException r ? r.Stage : stage;
            return new ItemFailure(where, BudgetExceededKind, budget.Message, 1, BudgetReached: true);
        }

        return exception switch
        {
            // The engine wraps a provider failure as one attempt of its own; the retry middleware below it knows
            // how many attempts were really made, and that is what errors.jsonl promises.
            // Its kind is the engine's generic "provider_error"; the provider's own kind (rate_limited, server_error,
            // timeout, unavailable …) tells a user what to do about it, so errors.jsonl carries that one.
            ReasoningFailureException r => FromReasoning(r, stage),
            LlmException l => new ItemFailure(stage, l.Kind, l.Message, Math.Max(l.Attempts, 1)),
            // Cancelled without the run asking: an HTTP timeout surfacing as TaskCanceledException.
            OperationCanceledException => new ItemFailure(stage, FailureKinds.Timeout, "The operation was cancelled without the run being cancelled (a timeout).", 1),
            _ => new ItemFailure(stage, UnexpectedKind, exception.GetType().Name + ": " + exception.Message, 1),
        };
    }

    private static ItemFailure FromReasoning(ReasoningFailureException failure, string stage)
    {
        LlmException? llm = FindLlm(failure.InnerException);
        string kind = failure.Kind == FailureKinds.ProviderError && llm is not null ? llm.Kind : failure.Kind;
        int attempts = Math.Max(Math.Max(failure.Attempts, 1), llm?.Attempts ?? 0);
        return new ItemFailure(failure.Stage == "unknown" ? stage : failure.Stage, kind, failure.Message, attempts);
    }

    private static LlmException? FindLlm(Exception? exception)
    {
        for (int depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is LlmException llm)
            {
                return llm;
            }

            exception = exception.InnerException;
        }

        return null;
    }

    private static BudgetExceededException? FindBudget(Exception? exception)
    {
        for (int depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is BudgetExceededException budget)
            {
                return budget;
            }

            if (exception is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions)
                {
                    if (FindBudget(inner) is { } found)
                    {
                        return found;
                    }
                }
            }

            exception = exception.InnerException;
        }

        return null;
    }
}
