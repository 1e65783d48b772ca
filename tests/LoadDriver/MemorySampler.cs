using System.Diagnostics;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>Samples this process's managed heap and working set every 100 ms and keeps the peaks.</summary>
public sealed class MemorySampler : IDisposable
{
    readonly Timer timer;
    long peakManaged;
    long peakWorkingSet;

    public MemorySampler() => timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public long PeakManaged => Interlocked.Read(ref peakManaged);
    public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

    void Sample()
    {
        using var self = Process.GetCurrentProcess();
        Max(ref peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        Max(ref peakWorkingSet, self.WorkingSet64);
    }

    static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        Sample();
    }
}
