using CotForge.Core.Search;
using CotForge.Llm;
using CotForge.Pipeline.Items;

namespace CotForge.Pipeline.Tests.Items;

public sealed class FailureClassifierTests
{
    [Fact]
    public void Classify_CancellationOfTheRun_Abandoned()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        ItemFailure failure = FailureClassifier.Classify(new OperationCanceledException(cts.Token), "search", cts.Token);

        Assert.True(failure.Abandoned);
    }

    [Fact]
    public void Classify_CancellationNotAskedFor_TimeoutFailure()
    {
        ItemFailure failure = FailureClassifier.Classify(new TaskCanceledException(), "verify", CancellationToken.None);

        Assert.Equal(("verify", FailureKinds.Timeout, false), (failure.Stage, failure.Kind, failure.Abandoned));
    }

    [Fact]
    public void Classify_ReasoningFailure_KeepsItsStageKindAndAttempts()
    {
        ItemFailure failure = FailureClassifier.Classify(new ReasoningFailureException("score", "unparseable_output", "bad json", 3), "search", CancellationToken.None);

        Assert.Equal(new ItemFailure("score", "unparseable_output", "bad json", 3), failure);
    }

    [Fact]
    public void Classify_BudgetInsideAReasoningFailure_BudgetReached()
    {
        var inner = new BudgetExceededException("max_total_tokens", 100, 120);

        ItemFailure failure = FailureClassifier.Classify(new ReasoningFailureException("search", "provider_error", "failed", 1, inner), "search", CancellationToken.None);

        Assert.True(failure.BudgetReached);
        Assert.Equal(FailureClassifier.BudgetExceededKind, failure.Kind);
        Assert.Contains("max_total_tokens", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_LlmAndUnexpectedErrors_TaggedWithTheStage()
    {
        Assert.Equal("rate_limited", FailureClassifier.Classify(new LlmException("rate_limited", "slow down"), "search", default).Kind);
        ItemFailure bug = FailureClassifier.Classify(new InvalidOperationException("oops"), "post_process", default);
        Assert.Equal(("post_process", FailureClassifier.UnexpectedKind, "InvalidOperationException: oops"), (bug.Stage, bug.Kind, bug.Message));
    }

    [Fact]
    public void Classify_ProviderErrorWrappingAnLlmFailure_CarriesTheProvidersKind()
    {
        var inner = new LlmTransientException("rate_limited", "429 from the endpoint", statusCode: 429);

        ItemFailure failure = FailureClassifier.Classify(new ReasoningFailureException("verify", "provider_error", "failed", 1, inner), "search", CancellationToken.None);

        Assert.Equal(("verify", "rate_limited"), (failure.Stage, failure.Kind));
    }
}
