namespace CotForge.Pipeline.Load;

/// <summary>
/// Field names recognised without configuration, in order of preference. Names are compared ignoring case,
/// spaces, '-' and '_', so <c>Ground-True Answer</c>, <c>ground_true_answer</c> and <c>groundtrueanswer</c> are one name.
/// </summary>
public static class FieldAliases
{
    /// <summary>Names of the question field; the first is the default.</summary>
    public static IReadOnlyList<string> Question { get; } =
        ["question", "problem", "prompt", "input", "query", "instruction", "Open-ended Verifiable Question"];

    /// <summary>Names of the answer field; the first is the default.</summary>
    public static IReadOnlyList<string> Answer { get; } =
        ["answer", "ground_truth", "Ground-True Answer", "ground_truth_answer", "final_answer", "solution",
         "Best Answer", "output", "target", "response", "label", "gold"];

    /// <summary>Chooses the question and answer fields among <paramref name="available"/>.</summary>
    /// <exception cref="InputFormatException">No usable field; the message lists the fields seen and how to name one.</exception>
    public static FieldMapping Resolve(IReadOnlyList<string> available, InputOptions options, string file) =>
        TryResolve(available, options, file, out FieldMapping? mapping, out string? error) ? mapping : throw new InputFormatException(error);

    /// <summary>Like <see cref="Resolve"/>, but returns the problem instead of throwing.</summary>
    public static bool TryResolve(
        IReadOnlyList<string> available,
        InputOptions options,
        string file,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FieldMapping? mapping,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(options);
        mapping = null;
        if (!TryResolveOne(available, options.QuestionField, Question, "question", "--question-field", null, file, out var question, out error)
            || !TryResolveOne(available, options.AnswerField, Answer, "answer", "--answer-field", question.Name, file, out var answer, out error))
        {
            return false;
        }

        mapping = new FieldMapping(question.Name, question.Source, answer.Name, answer.Source, options.AnswerPattern);
        return true;
    }

    internal static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        int n = 0;
        foreach (char c in name.AsSpan().Trim())
        {
            if (c is not (' ' or '-' or '_'))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    private static bool TryResolveOne(
        IReadOnlyList<string> available, string? explicitName, IReadOnlyList<string> aliases, string role, string flag, string? taken, string file,
        out (string Name, FieldMappingSource Source) chosen, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        chosen = default;
        error = null;
        if (explicitName is not null)
        {
            // An explicit name must exist exactly: silently matching something else would load the wrong column.
            foreach (string name in available)
            {
                if (string.Equals(name, explicitName, StringComparison.Ordinal))
                {
                    chosen = (name, FieldMappingSource.Explicit);
                    return true;
                }
            }

            error = $"The {role} field '{explicitName}' is not in '{file}'. Fields found: {List(available)}. Fix {flag}.";
            return false;
        }

        for (int i = 0; i < aliases.Count; i++)
        {
            string wanted = Normalize(aliases[i]);
            foreach (string name in available)
            {
                if (!string.Equals(name, taken, StringComparison.Ordinal) && Normalize(name) == wanted)
                {
                    chosen = (name, i == 0 && string.Equals(name, aliases[0], StringComparison.Ordinal) ? FieldMappingSource.Default : FieldMappingSource.Alias);
                    return true;
                }
            }
        }

        error = $"No {role} field found in '{file}'. Fields found: {List(available)}. Known names: {List(aliases)}. Name it with {flag}.";
        return false;
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
