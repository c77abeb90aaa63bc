namespace CotForge.Cli;

/// <summary>The process exit codes of SPEC §5, in one place so commands and tests agree.</summary>
internal static class ExitCodes
{
    /// <summary>Finished; no item failed.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected broke (a bug or an environment problem); the message says what.</summary>
    public const int Unexpected = 1;

    /// <summary>Usage or configuration error; nothing was processed. The message says what and how to fix it.</summary>
    public const int Usage = 2;

    /// <summary>Finished, but some items failed; they are listed in errors.jsonl and are retried by the next run.</summary>
    public const int FinishedWithFailures = 3;

    /// <summary>Cancelled (Ctrl+C / SIGTERM) after a clean flush; run the same command again to resume.</summary>
    public const int Cancelled = 130;
}
