namespace CotForge.Benchmarks.Measurement;

/// <summary>Samples the managed heap every 50 ms and keeps the largest value: the peak the run needed.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public HeapSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public double PeakMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / (1024.0 * 1024);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        long now = GC.GetTotalMemory(forceFullCollection: false);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
