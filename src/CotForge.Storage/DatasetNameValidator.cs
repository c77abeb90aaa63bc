namespace CotForge.Storage;

/// <summary>Checks that a dataset or search name is a single, harmless path segment.</summary>
internal static class DatasetNameValidator
{
    private static readonly char[] Separators = ['/', '\\', ':'];

    public static void Validate(string? name, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"The {Describe(parameterName)} must not be empty or whitespace.", parameterName);
        }

        if (name is "." or "..")
        {
            throw new ArgumentException($"The {Describe(parameterName)} '{name}' would point outside its parent directory; choose a plain name.", parameterName);
        }

        if (name.IndexOfAny(Separators) >= 0 || Path.IsPathRooted(name))
        {
            throw new ArgumentException($"The {Describe(parameterName)} '{Printable(name)}' contains a path separator; it must be a single directory name such as 'gsm8k'.", parameterName);
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The {Describe(parameterName)} '{Printable(name)}' contains the control character U+{(int)c:X4}; use printable characters only.", parameterName);
            }
        }

        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"The {Describe(parameterName)} '{Printable(name)}' contains a character that is not allowed in a file name.", parameterName);
        }

        if (name != name.Trim())
        {
            throw new ArgumentException($"The {Describe(parameterName)} '{name}' starts or ends with whitespace; remove it.", parameterName);
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {Describe(parameterName)} '{name}' contains '..'; choose a name without it.", parameterName);
        }
    }

    private static string Describe(string parameterName) => parameterName switch
    {
        "datasetName" => "dataset name",
        "searchName" => "search name",
        _ => parameterName,
    };

    private static string Printable(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.ToString();
    }
}
