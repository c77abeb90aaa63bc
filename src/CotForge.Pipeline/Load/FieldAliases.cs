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
    public static FieldMapping Resolve(IReadOnlyList<string> available, InputOptions options, string file)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(options);
        var (question, questionSource) = ResolveOne(available, options.QuestionField, Question, "question", "--question-field", null, file);
        var (answer, answerSource) = ResolveOne(available, options.AnswerField, Answer, "answer", "--answer-field", question, file);
        return new FieldMapping(question, questionSource, answer, answerSource, options.AnswerPattern);
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

    private static (string Name, FieldMappingSource Source) ResolveOne(
        IReadOnlyList<string> available, string? explicitName, IReadOnlyList<string> aliases, string role, string flag, string? taken, string file)
    {
        if (explicitName is not null)
        {
            // An explicit name must exist exactly: silently matching something else would load the wrong column.
            foreach (string name in available)
            {
                if (string.Equals(name, explicitName, StringComparison.Ordinal))
                {
                    return (name, FieldMappingSource.Explicit);
                }
            }

            throw new InputFormatException(
                $"The {role} field '{explicitName}' is not in '{file}'. Fields found: {List(available)}. Fix {flag}.");
        }

        for (int i = 0; i < aliases.Count; i++)
        {
            string wanted = Normalize(aliases[i]);
            foreach (string name in available)
            {
                if (!string.Equals(name, taken, StringComparison.Ordinal) && Normalize(name) == wanted)
                {
                    return (name, i == 0 && string.Equals(name, aliases[0], StringComparison.Ordinal) ? FieldMappingSource.Default : FieldMappingSource.Alias);
                }
            }
        }

        throw new InputFormatException(
            $"No {role} field found in '{file}'. Fields found: {List(available)}. Known names: {List(aliases)}. Name it with {flag}.");
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
