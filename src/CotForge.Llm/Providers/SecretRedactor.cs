using System.Text.RegularExpressions;

namespace CotForge.Llm.Providers;

/// <summary>
/// Removes an API key from text we are about to put in an exception message: the key itself, and the key-like
/// fragments endpoints echo back (<c>sk-abc*****wxyz</c>).
/// </summary>
internal sealed partial class SecretRedactor(string secret)
{
    private const string Placeholder = "[redacted]";

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string result = secret.Length > 0 ? text.Replace(secret, Placeholder, StringComparison.Ordinal) : text;
        result = KeyLike().Replace(result, Placeholder);
        if (secret.Length >= 12)
        {
            // Masked echoes keep the key's first or last few characters.
            result = result.Replace(secret[..8], Placeholder, StringComparison.Ordinal).Replace(secret[^6..], Placeholder, StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(@"\b(?:sk|pk|key|api[-_]?key)[-_][A-Za-z0-9_\-\*\.]{4,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();
}
