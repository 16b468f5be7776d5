using System.Diagnostics;
using System.Globalization;
using Atss.Benchmarks.Scenes;

namespace Atss.Benchmarks;

/// <summary>
/// <c>scale</c>: one run each of a 4096x4096 padded image with 9 anchors per location
/// (<see cref="AnchorGenerator.RetinaNet"/>, 3,142,656 priors) and G = 0, 1 and 10,000 boxes, printing the wall time
/// and the process's peak memory per scenario. It shows that memory follows N + G, never N x G (a dense IoU matrix
/// for the last scenario alone would take 126 GB). Peak memory is VmHWM from /proc/self/status, reset before each
/// scenario through /proc/self/clear_refs where the kernel allows it; otherwise it is the peak since process start.
/// </summary>
internal static class ScaleCommand
{
    private const int Size = 4096;
    private const int Seed = 4096;

    public static int Run()
    {
        var total = Stopwatch.StartNew();
        Console.WriteLine($"scale: {Size}x{Size} padded image, AnchorGenerator.RetinaNet (9 anchors per location), AtssOptions.MmDetection, span overload");
        var generate = Stopwatch.StartNew();
        PriorSet priors = AnchorGenerator.RetinaNet.Generate(Size, Size);
        generate.Stop();
        int n = priors.Count;
        var assignedGt = new int[n];
        var labels = new int[n];
        var ious = new float[n];
        var assigner = new AtssAssigner();
        Console.WriteLine($"  priors: {n:N0} in {Ms(generate.Elapsed)} ms; outputs: 3 x {n:N0} elements ({Mb(12L * n)} MB); resident after set-up: {Mb(Memory.CurrentBytes())} MB");
        Console.WriteLine();
        Console.WriteLine($"  {"boxes",6}  {"time ms",10}  {"positives",9}  {"peak MB",8}  {"N x G float matrix",18}");
        long worstPeak = 0;
        string lastLine = "";
        foreach (int g in (ReadOnlySpan<int>)[0, 1, 10_000])
        {
            (Box[] boxes, int[] gtLabels) = SceneGenerator.CocoLikeBoxes(g, Size, Size, Seed + g);
            var workspace = new AssignmentWorkspace();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            bool reset = Memory.TryResetPeak();
            var stopwatch = Stopwatch.StartNew();
            int positives = assigner.AssignTargets(priors, boxes, gtLabels, default, workspace, assignedGt, labels, ious);
            stopwatch.Stop();
            GC.Collect();
            long peak = Memory.PeakBytes();
            worstPeak = Math.Max(worstPeak, peak);
            string dense = Human(4L * n * g);
            Console.WriteLine($"  {g,6:N0}  {Ms(stopwatch.Elapsed),10}  {positives,9:N0}  {Mb(peak),8}  {dense,18}{(reset ? "" : "  (peak since start)")}");
            lastLine = $"G = {g:N0} in {Ms(stopwatch.Elapsed)} ms";
            GC.KeepAlive(workspace);
        }

        Console.WriteLine();
        Console.WriteLine($"scale summary: {n:N0} priors; {lastLine}; peak memory at most {Mb(worstPeak)} MB (a dense IoU matrix alone would need {Human(4L * n * 10_000)}); total {Ms(total.Elapsed)} ms");
        return 0;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Human(long bytes) => bytes switch
    {
        0 => "0",
        < 1_000_000_000 => (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("N1", CultureInfo.InvariantCulture) + " GB",
    };

    private static class Memory
    {
        // Writing 5 to clear_refs resets the peak resident set size (Linux >= 4.0).
        public static bool TryResetPeak()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return false;
            }
        }

        public static long PeakBytes() => StatusKilobytes("VmHWM:") is long kb ? kb * 1024 : Process.GetCurrentProcess().PeakWorkingSet64;

        public static long CurrentBytes() => StatusKilobytes("VmRSS:") is long kb ? kb * 1024 : Process.GetCurrentProcess().WorkingSet64;

        private static long? StatusKilobytes(string key)
        {
            if (!File.Exists("/proc/self/status"))
            {
                return null;
            }

            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    string value = line[key.Length..].Trim();
                    int space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
    }
}
