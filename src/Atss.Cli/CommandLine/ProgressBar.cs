using System.Diagnostics;
using System.Globalization;

namespace Atss.Cli.CommandLine;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place with <c>\r</c> at most ten times a second. Commands enable it
/// when stderr is a terminal or the input is long; a final newline keeps later messages on their own line.
/// </summary>
internal sealed class ProgressBar(TextWriter writer)
{
    private const int BarWidth = 30;
    private long _lastDraw;
    private int _lastLength;
    private bool _drawn;

    public bool Enabled { get; set; }

    /// <summary>Redraws the line unless it was drawn less than 100 ms ago (<paramref name="force"/> draws anyway).</summary>
    /// <param name="phase">What is being done, for example <c>reading</c>.</param>
    /// <param name="fraction">Done so far, from 0 to 1.</param>
    /// <param name="detail">Counts, for example <c>12.5/450.0 MB</c>.</param>
    /// <param name="force">Draw even if the last draw was recent (use for the last update of a phase).</param>
    public void Report(string phase, double fraction, string detail, bool force = false)
    {
        if (!Enabled)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (!force && _drawn && Stopwatch.GetElapsedTime(_lastDraw, now).TotalMilliseconds < 100)
        {
            return;
        }

        _lastDraw = now;
        fraction = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        int filled = (int)(fraction * BarWidth);
        string line = string.Create(CultureInfo.InvariantCulture, $"atss: {phase,-9} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,5:F1}%  {detail}");
        writer.Write("\r" + line.PadRight(_lastLength));
        writer.Flush();
        _lastLength = line.Length;
        _drawn = true;
    }

    /// <summary>Ends the progress line, if one was drawn.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            writer.WriteLine();
            writer.Flush();
            _drawn = false;
            _lastLength = 0;
        }
    }
}
