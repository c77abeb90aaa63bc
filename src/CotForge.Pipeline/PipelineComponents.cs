using System.Text.Json.Nodes;
using CotForge.Core.PostProcessing;
using CotForge.Core.Search;
using CotForge.Llm;
using CotForge.Storage;

namespace CotForge.Pipeline;

/// <summary>Everything a built pipeline runs with, resolved and validated once by the builder.</summary>
internal sealed record PipelineComponents(
    DatasetLocation Location,
    ISearchAlgorithm Algorithm,
    SearchServices Services,
    ReasoningPostProcessor? PostProcessor,
    JsonObject Config,
    PipelineOptions Options,
    WriterOptions? WriterOptions,
    PersistenceOptions? PersistenceOptions,
    TokenLedger? Ledger,
    BudgetTracker? Budget,
    TimeProvider TimeProvider);
