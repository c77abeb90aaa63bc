namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// <c>"llm"</c> in the config file: its own role settings (provider, model, ...) are the defaults of every role,
/// and <see cref="Roles"/> overrides them per role:
/// <c>"llm": {"provider": "openai", "model": "gpt-4o-mini", "roles": {"verifier": {"model": "gpt-4o"}}}</c>.
/// </summary>
internal sealed class LlmSection : RoleSection
{
    /// <summary>The role names a config file may use under <c>"roles"</c>.</summary>
    public static readonly IReadOnlyList<string> RoleNames = ["search", "verifier", "scorer", "post_processing"];

    /// <summary>Per-role overrides, keyed by search | verifier | scorer | post_processing.</summary>
    public Dictionary<string, RoleSection>? Roles { get; set; }

    public static LlmSection? Merge(LlmSection? over, LlmSection? under)
    {
        if (over is null || under is null)
        {
            return over ?? under;
        }

        var roles = new Dictionary<string, RoleSection>(StringComparer.Ordinal);
        foreach (var name in ((IEnumerable<string>?)over.Roles?.Keys ?? []).Concat((IEnumerable<string>?)under.Roles?.Keys ?? []).Distinct(StringComparer.Ordinal))
        {
            roles[name] = RoleSection.Merge(over.Roles?.GetValueOrDefault(name), under.Roles?.GetValueOrDefault(name))!;
        }

        var merged = new LlmSection { Roles = roles };
        merged.CopyFrom(over, under);
        return merged;
    }

    /// <summary>
    /// The effective settings of a role. Values set by <paramref name="overrides"/> (the command line, which applies to
    /// every role) win; then the role's own section; then the defaults written directly under "llm".
    /// </summary>
    public RoleSection Resolve(string role, RoleSection? overrides)
    {
        var defaults = new RoleSection().CopyFrom(this, new RoleSection());
        return RoleSection.Merge(overrides, RoleSection.Merge(Roles?.GetValueOrDefault(role), defaults)) ?? new RoleSection();
    }
}
