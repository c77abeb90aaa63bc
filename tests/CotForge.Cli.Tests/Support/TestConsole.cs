using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CotForge.Cli.Tests.Support;

/// <summary>
/// A real Spectre console writing into a string, so tests read what a person would see (Spectre.Console.Testing is
/// not available here). Input is scripted: <see cref="PushKeys"/> queues what the "user" types for prompts.
/// </summary>
internal sealed class TestConsole : IAnsiConsole
{
    private readonly StringWriter _writer = new();
    private readonly IAnsiConsole _inner;
    private readonly ScriptedInput _input = new();

    public TestConsole(bool interactive = false, bool ansi = false, int width = 200)
    {
        _inner = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_writer),
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            EnvironmentVariables = new Dictionary<string, string>(),
        });
        _inner.Profile.Width = width;
    }

    /// <summary>Everything written so far.</summary>
    public string Output => _writer.ToString();

    public Profile Profile => _inner.Profile;

    public IAnsiConsoleCursor Cursor => _inner.Cursor;

    public IAnsiConsoleInput Input => _input;

    public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;

    public RenderPipeline Pipeline => _inner.Pipeline;

    public void Clear(bool home) => _inner.Clear(home);

    public void Write(IRenderable renderable) => _inner.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => _inner.WriteAnsi(action);

    /// <summary>Queues a line of typed text followed by Enter.</summary>
    public void PushLine(string text)
    {
        foreach (var c in text)
        {
            _input.Keys.Enqueue(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        }

        _input.Keys.Enqueue(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
    }

    private sealed class ScriptedInput : IAnsiConsoleInput
    {
        public Queue<ConsoleKeyInfo> Keys { get; } = new();

        public bool IsKeyAvailable() => Keys.Count > 0;

        public ConsoleKeyInfo? ReadKey(bool intercept) =>
            Keys.TryDequeue(out var key) ? key : throw new InvalidOperationException("The test console has no more input.");

        public Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) => Task.FromResult(ReadKey(intercept));
    }
}
