namespace CotForge.Storage.CrashWriter;

/// <summary>Writes at full speed until killed, reporting every committed id on stdout.</summary>
internal static class CrashRun
{
    public static async Task<int> RunAsync(string baseDirectory, string dataset, string search, int run)
    {
        var random = new Random(run);
        using var manager = PersistenceManager.Open(DatasetLocation.Create(baseDirectory, dataset, search));

        // Small groups so that kills land between and inside many groups.
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 32, GroupCommitInterval = TimeSpan.FromMilliseconds(5) });
        var stdout = Console.OpenStandardOutput();
        writer.Committed += ids =>
        {
            // One write per group; the parent reads these as the ids it may rely on.
            stdout.Write(System.Text.Encoding.ASCII.GetBytes(string.Concat(ids.Select(id => "C " + id + "\n"))));
            stdout.Flush();
        };

        // First re-offer items of the previous run (always succeeded ones): committed ones must not be written again,
        // ones lost to the kill are written once.
        if (run > 0)
        {
            for (int i = 0; i < 20; i++)
            {
                await writer.AppendAsync(Item(run - 1, i, random));
            }
        }

        for (int i = 0; ; i++)
        {
            await writer.AppendAsync(Item(run, i, random));
            if (i % 50 == 7)
            {
                await writer.AppendErrorAsync(new ErrorRecord($"err-{run}-{i}", "search", "provider_error", "simulated outage", 3, DateTimeOffset.UtcNow));
            }

            if (i % 70 == 3)
            {
                await writer.AppendRejectAsync(new RejectRecord("input.jsonl", i, "missing answer", new string('r', random.Next(10, 900))));
            }
        }
    }

    private static CompletedItem Item(int run, int i, Random random)
    {
        // Deterministic per (run, i) except for the size, which only moves where lines end.
        bool success = i < 20 || i % 5 != 4;
        return SyntheticItems.Create($"crash run {run} item {i}: 17 × {i} = ?", (17 * i).ToString(System.Globalization.CultureInfo.InvariantCulture), success, random.Next(300, 3000), DateTimeOffset.UtcNow);
    }
}
