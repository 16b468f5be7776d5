namespace Atss.Cli.Stats;

/// <summary>Positives-per-box summary of a group of boxes, with the exact histogram of positives per box.</summary>
internal sealed class BucketTally
{
    private long[] _histogram = new long[32];
    private int _histogramLength;

    public long Boxes { get; private set; }

    public long Positives { get; private set; }

    public int MinPositives { get; private set; } = int.MaxValue;

    public int MaxPositives { get; private set; }

    public long WithoutPositives { get; private set; }

    /// <summary>Sum of the finite per-box IoU thresholds (a box with a single candidate has none).</summary>
    public double ThresholdSum { get; private set; }

    public long ThresholdCount { get; private set; }

    public double MeanPositives => Boxes == 0 ? double.NaN : Positives / (double)Boxes;

    public double MeanThreshold => ThresholdCount == 0 ? double.NaN : ThresholdSum / ThresholdCount;

    /// <summary>Entry n counts the boxes with exactly n positives; the span ends at the largest count seen.</summary>
    public ReadOnlySpan<long> Histogram => _histogram.AsSpan(0, _histogramLength);

    public static BucketTally Sum(IEnumerable<BucketTally> parts)
    {
        var sum = new BucketTally();
        foreach (BucketTally part in parts)
        {
            sum.Boxes += part.Boxes;
            sum.Positives += part.Positives;
            sum.MinPositives = Math.Min(sum.MinPositives, part.MinPositives);
            sum.MaxPositives = Math.Max(sum.MaxPositives, part.MaxPositives);
            sum.WithoutPositives += part.WithoutPositives;
            sum.ThresholdSum += part.ThresholdSum;
            sum.ThresholdCount += part.ThresholdCount;
            ReadOnlySpan<long> histogram = part.Histogram;
            for (int n = 0; n < histogram.Length; n++)
            {
                sum.AddToHistogram(n, histogram[n]);
            }
        }

        return sum;
    }

    /// <param name="box">The box's statistics.</param>
    /// <param name="countThreshold">Whether <see cref="GtStatistics.Threshold"/> is an IoU threshold to average.</param>
    public void Add(in GtStatistics box, bool countThreshold)
    {
        Boxes++;
        Positives += box.PositiveCount;
        MinPositives = Math.Min(MinPositives, box.PositiveCount);
        MaxPositives = Math.Max(MaxPositives, box.PositiveCount);
        WithoutPositives += box.PositiveCount == 0 ? 1 : 0;
        AddToHistogram(box.PositiveCount, 1);
        if (countThreshold && double.IsFinite(box.Threshold))
        {
            ThresholdSum += box.Threshold;
            ThresholdCount++;
        }
    }

    private void AddToHistogram(int positives, long boxes)
    {
        if (boxes == 0)
        {
            return;
        }

        if (positives >= _histogram.Length)
        {
            Array.Resize(ref _histogram, Math.Max(positives + 1, _histogram.Length * 2));
        }

        _histogram[positives] += boxes;
        _histogramLength = Math.Max(_histogramLength, positives + 1);
    }
}
