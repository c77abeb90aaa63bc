using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CotForge.Llm.Simulation;

/// <summary>
/// The steps of reasoning written as JSON (an array of <c>{action, title?, content}</c>, or an object whose "CoT"
/// holds one), read forward with a <see cref="Utf8JsonReader"/>: the steps <see cref="Core.Prompts.PromptReader.Steps"/>
/// would list, in order, without a document or a string per field. Only an action and a content are kept, as slices
/// of the input, decoded when asked.
/// </summary>
/// <remarks>
/// Like <see cref="Utf8JsonReader"/>, this throws <see cref="JsonException"/> on invalid JSON, possibly after some
/// steps; <see cref="Survey"/> reads a text to its end first, so a second pass over a text it accepted cannot throw.
/// </remarks>
internal ref struct JsonSteps
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly bool _rootIsArray;
    private Utf8JsonReader _reader;
    private bool _finished;

    // The depth of the array holding the steps while inside it, else -1; steps are objects one level below it.
    private int _stepsDepth;
    private bool _cotSeen;

    private JsonSteps(ReadOnlySpan<byte> utf8)
    {
        _input = utf8;
        _reader = new Utf8JsonReader(utf8);
        _reader.Read();
        _rootIsArray = _reader.TokenType == JsonTokenType.StartArray;
        _finished = !_rootIsArray && _reader.TokenType != JsonTokenType.StartObject;
        _stepsDepth = _rootIsArray ? 0 : -1;
        _cotSeen = false;
        HoldsSteps = _rootIsArray;
    }

    /// <summary>
    /// Whether the text holds steps at all (an array, or an object whose first "CoT" is an array); final only once
    /// <see cref="MoveNext"/> has returned false.
    /// </summary>
    public bool HoldsSteps { get; private set; }

    /// <summary>
    /// How many steps the (trimmed) JSON in <paramref name="utf8"/> holds and how many of them are final conclusions; null when it
    /// is not valid JSON holding steps (where <see cref="Core.Prompts.PromptReader.Steps"/> gives null).
    /// </summary>
    public static (int Steps, int Conclusions)? Survey(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8[0] is not ((byte)'[' or (byte)'{'))
        {
            // Cannot hold steps; and an exception per prose reasoning would cost more than the whole reply.
            return null;
        }

        try
        {
            var steps = new JsonSteps(utf8);
            int count = 0;
            int conclusions = 0;
            while (steps.MoveNext(out var step))
            {
                count++;
                if (step.IsFinalConclusion)
                {
                    conclusions++;
                }
            }

            return steps.HoldsSteps ? (count, conclusions) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The steps of a text <see cref="Survey"/> accepted.</summary>
    public static JsonSteps Over(ReadOnlySpan<byte> utf8) => new(utf8);

    /// <summary>The next step; false after the last one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext(out JsonStep step)
    {
        step = default;
        while (!_finished && _reader.Read())
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.StartObject when _stepsDepth >= 0 && _reader.CurrentDepth == _stepsDepth + 1:
                    step = ReadStep();
                    return true;
                case JsonTokenType.EndArray when _stepsDepth > 0 && _reader.CurrentDepth == _stepsDepth:
                    _stepsDepth = -1;
                    break;
                case JsonTokenType.PropertyName when !_rootIsArray && !_cotSeen && _reader.CurrentDepth == 1 && NameIs("CoT"u8, "CoT"):
                    // Only the first "CoT" counts, as a property lookup finds the first; anything but an array there
                    // means the text holds no steps.
                    _cotSeen = true;
                    _reader.Read();
                    if (_reader.TokenType != JsonTokenType.StartArray)
                    {
                        _finished = true;
                        return false;
                    }

                    HoldsSteps = true;
                    _stepsDepth = _reader.CurrentDepth;
                    break;
            }
        }

        _finished = true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private JsonStep ReadStep()
    {
        int depth = _reader.CurrentDepth;
        ReadOnlySpan<byte> action = default;
        ReadOnlySpan<byte> content = default;
        bool hasAction = false;
        bool hasContent = false;
        while (_reader.Read() && !(_reader.TokenType == JsonTokenType.EndObject && _reader.CurrentDepth == depth))
        {
            if (_reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            // The first property of each name counts, compared ignoring case, as PromptReader looks them up.
            bool isAction = !hasAction && NameIs("action"u8, "action");
            bool isContent = !isAction && !hasContent && NameIs("content"u8, "content");
            _reader.Read();
            var value = RawValue();
            if (isAction)
            {
                action = value;
                hasAction = true;
            }
            else if (isContent)
            {
                content = value;
                hasContent = true;
            }
        }

        return new JsonStep(action, content);
    }

    /// <summary>The raw text of the value just read (quotes included for a string), skipping over a container.</summary>
    private ReadOnlySpan<byte> RawValue()
    {
        var source = _reader.ValueSpan;
        int start = (int)_reader.TokenStartIndex;
        switch (_reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                _reader.Skip();
                return _input[start..(int)_reader.BytesConsumed];
            case JsonTokenType.String:
                return _input.Slice(start, source.Length + 2);
            default:
                return _input.Slice(start, source.Length);
        }
    }

    private bool NameIs(ReadOnlySpan<byte> utf8, string name) =>
        _reader.ValueIsEscaped
            ? string.Equals(_reader.GetString(), name, StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(_reader.ValueSpan, utf8);
}
