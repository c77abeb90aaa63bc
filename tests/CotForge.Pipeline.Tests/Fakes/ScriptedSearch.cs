using System.Text.Json.Nodes;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;

namespace CotForge.Pipeline.Tests.Fakes;

/// <summary>
/// A search whose sessions follow a script chosen per request: how many advances, whether each needs verification,
/// and where to throw. Lets graph tests drive the step machine in ways the real algorithms rarely do.
/// </summary>
internal sealed class ScriptedSearch(Func<SearchRequest, ScriptedSearch.Script> scriptFor) : ISearchAlgorithm
{
    public string Name => "naive_linear_search";

    public SearchSession CreateSession(SearchRequest request, SearchServices services) => new Session(request, scriptFor(request));

    public JsonObject Describe() => new() { ["name"] = Name, ["scripted"] = true };

    internal sealed record Script(int Advances = 1, bool Verify = true, bool Success = true, int ThrowOnAdvance = -1, int ThrowOnVerify = -1, Func<Exception>? Error = null, Action<string>? OnCall = null);

    private sealed class Session(SearchRequest request, Script script) : SearchSession
    {
        private int _advances;
        private int _verifies;
        private bool _needsVerification;

        public override bool IsComplete => _advances >= script.Advances && !_needsVerification;

        public override bool NeedsVerification => _needsVerification;

        public override SearchResult Result
        {
            get
            {
                var node = new ReasoningNode("n0", "initialize", "prompt", "response", [new CotStep(CotActions.FinalConclusion, request.GroundTruth)]) { IsFinal = true, Success = script.Success };
                return new SearchResult(request.Question, request.GroundTruth, script.Success, [node]);
            }
        }

        public override async ValueTask AdvanceAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            script.OnCall?.Invoke("advance");
            if (_advances == script.ThrowOnAdvance)
            {
                throw script.Error?.Invoke() ?? new InvalidOperationException("scripted advance failure");
            }

            _advances++;
            _needsVerification = script.Verify;
        }

        public override async ValueTask VerifyAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            script.OnCall?.Invoke("verify");
            if (_verifies == script.ThrowOnVerify)
            {
                throw script.Error?.Invoke() ?? new InvalidOperationException("scripted verify failure");
            }

            _verifies++;
            _needsVerification = false;
        }
    }
}
