using System.Text.Json.Nodes;
using CotForge.Core.Strategies;

namespace CotForge.Core.Tests.Strategies;

public sealed class StrategyRegistryTests
{
    [Fact]
    public void CreateDefault_HasTheFiveDefaultStrategiesInOrder()
    {
        var registry = StrategyRegistry.CreateDefault();

        Assert.Equal(["initialize", "backtrack", "explore_new_paths", "correction", "validation"], registry.Names);
    }

    [Fact]
    public void CreateFull_HasAllTen()
    {
        var registry = StrategyRegistry.CreateFull();

        Assert.Equal(
            ["initialize", "backtrack", "explore_new_paths", "correction", "validation",
             "perspective_shift", "analogical_reasoning", "decomposition", "counterfactual", "first_principles"],
            registry.Names);
    }

    public static TheoryData<string, bool, int> BuiltIns() => new()
    {
        { "initialize", true, 0 },
        { "backtrack", false, 2 },
        { "explore_new_paths", false, 0 },
        { "correction", false, 0 },
        { "validation", false, 0 },
        { "perspective_shift", false, 0 },
        { "analogical_reasoning", false, 0 },
        { "decomposition", false, 0 },
        { "counterfactual", false, 0 },
        { "first_principles", false, 0 },
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void CreateFull_EachStrategy_HasItsInitialFlagMinimumDepthAndAnInstruction(string name, bool isInitial, int minimumDepth)
    {
        var strategy = StrategyRegistry.CreateFull().Get(name);

        Assert.Equal(isInitial, strategy.IsInitial);
        Assert.Equal(minimumDepth, strategy.MinimumDepth);
        Assert.True(strategy.Description.Length > 60, "the description is the model's instruction and must say something");
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void ContinuationsAt_EachStrategy_EligibleExactlyFromItsMinimumDepthAndNeverIfInitial(string name, bool isInitial, int minimumDepth)
    {
        var registry = StrategyRegistry.CreateFull();

        for (int depth = 0; depth <= 4; depth++)
        {
            bool eligible = registry.ContinuationsAt(depth).Any(s => s.Name == name);
            Assert.Equal(!isInitial && depth >= minimumDepth, eligible);
        }
    }

    [Fact]
    public void InitialStrategies_Default_IsOnlyInitialize()
    {
        Assert.Equal(["initialize"], StrategyRegistry.CreateFull().InitialStrategies().Select(s => s.Name));
    }

    [Fact]
    public void ToJson_Default_HasCotForgeShape()
    {
        var json = JsonNode.Parse(StrategyRegistry.CreateDefault().ToJson())!;

        var backtrack = json["strategies"]!["backtrack"]!.AsObject();
        Assert.Equal(["name", "description", "is_initial", "minimum_depth"], backtrack.Select(p => p.Key));
        Assert.Equal(2, backtrack["minimum_depth"]!.GetValue<int>());
        Assert.True(json["strategies"]!["initialize"]!["is_initial"]!.GetValue<bool>());
    }

    [Fact]
    public void FromJson_ToJsonOutput_RoundTrips()
    {
        var registry = StrategyRegistry.CreateFull();
        registry.Add("rubber_duck", "Explain the reasoning so far to an imaginary listener and fix what does not hold up.", minimumDepth: 3);

        var back = StrategyRegistry.FromJson(registry.ToJson());

        Assert.Equal(registry.Strategies, back.Strategies);
    }

    [Fact]
    public void FromJson_CustomRegistry_ReadsDefaultsForOptionalFields()
    {
        const string json = """{"strategies": {"start": {"name": "start", "description": "Begin.", "is_initial": true}, "poke": {"description": "Poke holes."}}}""";

        var registry = StrategyRegistry.FromJson(json);

        Assert.Equal(new Strategy("start", "Begin.", true, 0), registry.Get("start"));
        Assert.Equal(new Strategy("poke", "Poke holes.", false, 0), registry.Get("poke"));
    }

    [Theory]
    [InlineData("not json", "valid JSON")]
    [InlineData("[]", "\"strategies\" object")]
    [InlineData("""{"strategies": []}""", "\"strategies\" object")]
    [InlineData("""{"strategies": {"a": 1}}""", "Strategy 'a' must be an object")]
    [InlineData("""{"strategies": {"a": {"name": "b", "description": "d"}}}""", "different name ('b')")]
    [InlineData("""{"strategies": {"a": {"name": "a"}}}""", "Strategy 'a' is missing 'description'")]
    [InlineData("""{"strategies": {"a": {"description": ""}}}""", "'description' must be a non-empty string")]
    [InlineData("""{"strategies": {"a": {"description": "d", "is_initial": "yes"}}}""", "'is_initial' must be true or false")]
    [InlineData("""{"strategies": {"a": {"description": "d", "minimum_depth": 1.5}}}""", "'minimum_depth' must be a whole number")]
    [InlineData("""{"strategies": {"a": {"description": "d", "minimum_depth": -1}}}""", "'MinimumDepth' must be 0 or more")]
    public void FromJson_Malformed_ThrowsFormatExceptionNamingTheProblem(string json, string message)
    {
        var ex = Assert.Throws<FormatException>(() => StrategyRegistry.FromJson(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_DuplicateName_Throws()
    {
        var registry = StrategyRegistry.CreateDefault();

        var ex = Assert.Throws<ArgumentException>(() => registry.Add("correction", "Again."));

        Assert.Contains("already registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_ThenAdd_ReplacesAStrategy()
    {
        var registry = StrategyRegistry.CreateDefault();

        Assert.True(registry.Remove("backtrack"));
        registry.Add("backtrack", "Go back further.", minimumDepth: 3);

        Assert.Equal(3, registry.Get("backtrack").MinimumDepth);
        Assert.False(registry.Remove("nope"));
    }

    [Fact]
    public void Get_Unknown_ThrowsListingRegisteredNames()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => StrategyRegistry.CreateDefault().Get("nope"));

        Assert.Contains("initialize, backtrack", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_IsTheSerializedRegistry()
    {
        var registry = StrategyRegistry.CreateDefault();

        Assert.Equal(registry.ToJson(), registry.Describe().ToJsonString());
    }
}
