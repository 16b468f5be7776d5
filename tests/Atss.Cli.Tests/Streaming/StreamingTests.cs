using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Atss.Cli.Tests.Streaming;

[CollectionDefinition(nameof(StreamingCollection), DisableParallelization = true)]
public sealed class StreamingCollection;

/// <summary>
/// A generated COCO file of 100,000 images streams through <c>atss stats</c> with live managed memory well below the
/// file's size: the reader keeps compact records, never the file's text or a document of it. Runs alone (no other
/// test allocates meanwhile) and samples the heap with full collections while the command runs.
/// </summary>
[Collection(nameof(StreamingCollection))]
public class StreamingTests(ITestOutputHelper output)
{
    private const int Images = 100_000;

    /// <summary>The brief's generous bound on live managed memory while 100,000 images are processed.</summary>
    private const long LiveHeapBound = 200L << 20;

    [Fact]
    public void Stats_HundredThousandImages_CompletesWithBoundedMemory()
    {
        using var temp = new TempDirectory();
        string path = temp.File("big.json");
        CliResult generated = CliRunner.RunOk("generate", "--images", Images.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path);
        long fileBytes = new FileInfo(path).Length;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        long baselineWorkingSet = Environment.WorkingSet;

        using var sampler = new MemorySampler();
        var clock = Stopwatch.StartNew();
        CliResult result = CliRunner.Run("stats", "--annotations", path, "--json");
        clock.Stop();
        sampler.Stop();

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Images, json.RootElement.GetProperty("images").GetInt32());
        JsonElement atss = json.RootElement.GetProperty("strategies")[0];
        Assert.Equal(Images, atss.GetProperty("images").GetInt32());
        Assert.Contains($"{json.RootElement.GetProperty("annotationsRead").GetInt32():N0} annotations", generated.Stdout, StringComparison.Ordinal);

        // Large inputs show the progress bar on stderr even when it is not a terminal.
        Assert.Contains("100.0%", result.Stderr, StringComparison.Ordinal);

        long liveGrowth = sampler.PeakLiveHeap - baselineHeap;
        long workingSetGrowth = sampler.PeakWorkingSet - baselineWorkingSet;
        output.WriteLine($"file: {fileBytes / 1e6:F1} MB, {Images:N0} images, {json.RootElement.GetProperty("annotationsRead").GetInt32():N0} annotations; stats in {clock.Elapsed.TotalSeconds:F2} s");
        output.WriteLine($"peak live managed heap growth: {liveGrowth / 1e6:F1} MB (bound {LiveHeapBound / 1e6:F0} MB); peak working set growth: {workingSetGrowth / 1e6:F1} MB; {sampler.Samples} samples");
        Assert.True(sampler.Samples >= 2, "the sampler did not run while stats ran");
        Assert.True(liveGrowth < LiveHeapBound, $"live managed heap grew by {liveGrowth / 1e6:F1} MB");

        // Stronger than the bound: live memory stays below the file's own size, so the file was never held whole.
        Assert.True(liveGrowth < fileBytes, $"live managed heap grew by {liveGrowth / 1e6:F1} MB for a {fileBytes / 1e6:F1} MB file");
    }

    /// <summary>Samples live managed memory (after a full collection) and the working set every 100 ms.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public MemorySampler()
        {
            _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public long PeakLiveHeap { get; private set; }

        public long PeakWorkingSet { get; private set; }

        public int Samples { get; private set; }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        public void Dispose() => Stop();

        private void Sample()
        {
            while (!_stop)
            {
                PeakLiveHeap = Math.Max(PeakLiveHeap, GC.GetTotalMemory(forceFullCollection: true));
                PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
                Samples++;
                Thread.Sleep(100);
            }
        }
    }
}
