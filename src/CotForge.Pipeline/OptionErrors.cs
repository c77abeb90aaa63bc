using System.Globalization;

namespace CotForge.Pipeline;

/// <summary>
/// Collects every invalid option so that validation reports them all in one message, each naming the option and
/// its value (<c>'SearchParallelism' must be between 1 and 4096; was 0.</c>).
/// </summary>
internal sealed class OptionErrors
{
    private readonly List<string> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public void Add(string message) => _errors.Add(message);

    public void Range(string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be between {min} and {max}; was {value}."));
        }
    }

    public void Range(string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be between {min} and {max}; was {value}."));
        }
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every error, if there are any.</summary>
    public void ThrowIfAny(string what)
    {
        if (_errors.Count == 0)
        {
            return;
        }

        throw new ArgumentException($"Invalid {what}: " + string.Join(" ", _errors));
    }
}
