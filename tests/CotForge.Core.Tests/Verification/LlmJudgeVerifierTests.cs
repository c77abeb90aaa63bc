using CotForge.Core.Prompts;
using CotForge.Core.Search;
using CotForge.Core.Tests.Fakes;
using CotForge.Core.Verification;
using Microsoft.Extensions.AI;
using static CotForge.Core.Tests.Verification.VerifierTestData;

namespace CotForge.Core.Tests.Verification;

public sealed class LlmJudgeVerifierTests
{
    [Theory]
    [InlineData(false, PromptKind.Verification, "llm_judge")]
    [InlineData(true, PromptKind.StrictVerification, "strict_llm_judge")]
    public async Task VerifyAsync_LenientOrStrict_SendsItsOwnPromptKind(bool strict, PromptKind kind, string name)
    {
        var client = new ScriptedChatClient().On(kind, Replies.OracleJudge);
        var judge = new LlmJudgeVerifier(client, strict: strict);

        var yes = await judge.VerifyAsync(Request("Paris", "Paris", "Capital of France?"));
        var no = await judge.VerifyAsync(Request("Lyon", "Paris", "Capital of France?"));

        Assert.True(yes.Verified);
        Assert.False(no.Verified);
        Assert.Equal("Compared the answers.", yes.Explanation);
        Assert.Equal(name, judge.Name);
        Assert.Equal(2, client.CallsOf(kind).Count);
        Assert.Equal("Lyon", client.Calls[1].Section(PromptProtocol.CandidateAnswerTag));
    }

    [Fact]
    public async Task VerifyAsync_UnparseableThenValid_RetriesAndAnswers()
    {
        var client = new ScriptedChatClient().Enqueue(PromptKind.Verification, "I think so.", Replies.Verdict(true));

        var result = await new LlmJudgeVerifier(client).VerifyAsync(Request("42", "42"));

        Assert.True(result.Verified);
        Assert.Equal(2, client.Calls.Count);
    }

    [Fact]
    public async Task VerifyAsync_AlwaysUnparseable_FailsAsVerifierUnavailableNotSilentNo()
    {
        var client = new ScriptedChatClient().On(PromptKind.Verification, _ => "{\"verification\": {\"result\": \"perhaps\"}}");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new LlmJudgeVerifier(client, parseRetries: 2).VerifyAsync(Request("42", "42")).AsTask());

        Assert.Equal(("verify", "verifier_unavailable", 3), (ex.Stage, ex.Kind, ex.Attempts));
        Assert.Contains("InvalidValue", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.Calls.Count);
    }

    [Fact]
    public async Task VerifyAsync_NoCandidate_NotVerifiedWithoutCallingTheModel()
    {
        var client = new ScriptedChatClient();

        var result = await new LlmJudgeVerifier(client).VerifyAsync(Request(null, "42"));

        Assert.False(result.Verified);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task VerifyAsync_ProviderThrows_FailsAsProviderError()
    {
        var client = new ScriptedChatClient { BeforeReply = (_, _) => throw new HttpRequestException("503 Service Unavailable") };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new LlmJudgeVerifier(client).VerifyAsync(Request("42", "42")).AsTask());

        Assert.Equal(("verify", "provider_error"), (ex.Stage, ex.Kind));
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task VerifyAsync_ClientTimesOutWithoutCancellation_FailsAsTimeout()
    {
        var client = new ScriptedChatClient { BeforeReply = (_, _) => throw new TaskCanceledException("The request timed out.") };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new LlmJudgeVerifier(client).VerifyAsync(Request("42", "42")).AsTask());

        Assert.Equal("timeout", ex.Kind);
    }

    [Fact]
    public async Task VerifyAsync_TokenAndOptions_ReachTheClient()
    {
        var client = new ScriptedChatClient().On(PromptKind.Verification, Replies.OracleJudge);
        using var cts = new CancellationTokenSource();
        var options = new ChatOptions { ModelId = "judge-model", Temperature = 0 };

        await new LlmJudgeVerifier(client, options).VerifyAsync(Request("42", "42"), cts.Token);

        Assert.Equal(cts.Token, client.Calls[0].CancellationToken);
        Assert.Equal("judge-model", client.Calls[0].Options!.ModelId);
        Assert.Equal(0f, client.Calls[0].Options!.Temperature);
    }

    [Fact]
    public async Task VerifyAsync_Cancelled_ThrowsOperationCanceled()
    {
        var client = new ScriptedChatClient().On(PromptKind.Verification, Replies.OracleJudge);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LlmJudgeVerifier(client).VerifyAsync(Request("42", "42"), cts.Token).AsTask());
    }

    [Fact]
    public void Describe_NamesModelButNoSecrets()
    {
        var description = new LlmJudgeVerifier(new ScriptedChatClient(), new ChatOptions { ModelId = "m" }, strict: true).Describe();

        Assert.Equal("strict_llm_judge", description["name"]!.GetValue<string>());
        Assert.Equal("m", description["model"]!.GetValue<string>());
        Assert.True(description["strict"]!.GetValue<bool>());
    }
}
