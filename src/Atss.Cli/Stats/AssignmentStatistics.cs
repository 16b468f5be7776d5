using System.Diagnostics;
using Atss.Cli.Recipe;

namespace Atss.Cli.Stats;

/// <summary>
/// Accumulates what one strategy's assignments produced over many images: positives per box by COCO size bucket,
/// positives per FPN level, boxes left without positives, ignored priors, input totals and assignment time.
/// </summary>
internal sealed class AssignmentStatistics
{
    private readonly BucketTally[] _buckets = [new(), new(), new()];
    private readonly long[] _levelPositives;
    private readonly long[] _levelPriors;
    private readonly int[] _strides;
    private readonly bool _hasIouThreshold;

    /// <param name="strides">Stride of each FPN level.</param>
    /// <param name="hasIouThreshold">Whether the strategy's per-box threshold is an IoU threshold (else thresholds are not averaged).</param>
    public AssignmentStatistics(ReadOnlySpan<int> strides, bool hasIouThreshold = true)
    {
        _hasIouThreshold = hasIouThreshold;
        _strides = strides.ToArray();
        _levelPositives = new long[strides.Length];
        _levelPriors = new long[strides.Length];
    }

    public int Images { get; private set; }

    public int ImagesWithoutBoxes { get; private set; }

    public long Boxes { get; private set; }

    public long IgnoreRegions { get; private set; }

    public long DroppedAnnotations { get; private set; }

    public long Priors { get; private set; }

    public long Positives { get; private set; }

    /// <summary>Priors marked <see cref="AssignmentResult.Ignored"/> (inside crowd regions, when the strategy ignores them).</summary>
    public long IgnoredPriors { get; private set; }

    /// <summary>Total time spent in the assigner, in <see cref="Stopwatch"/> ticks.</summary>
    public long AssignTicks { get; private set; }

    public TimeSpan AssignTime => Stopwatch.GetElapsedTime(0, AssignTicks);

    public double MillisecondsPerImage => Images == 0 ? double.NaN : AssignTime.TotalMilliseconds / Images;

    public int LevelCount => _levelPositives.Length;

    public ReadOnlySpan<int> Strides => _strides;

    public BucketTally Bucket(SizeBucket bucket) => _buckets[(int)bucket];

    /// <summary>All buckets together.</summary>
    public BucketTally All => BucketTally.Sum(_buckets);

    public long LevelPositives(int level) => _levelPositives[level];

    public long LevelPriors(int level) => _levelPriors[level];

    /// <summary>Adds one assigned image.</summary>
    /// <param name="image">The image's inputs.</param>
    /// <param name="priors">The priors it was assigned on.</param>
    /// <param name="gtStatistics">Per-box statistics the assigner wrote (one per target box).</param>
    /// <param name="positives">The positive prior indices (ascending).</param>
    /// <param name="ignoredPriors">Priors the assigner marked ignored.</param>
    /// <param name="ticks">Time spent in the assigner.</param>
    public void Add(PreparedImage image, PriorSet priors, ReadOnlySpan<GtStatistics> gtStatistics, ReadOnlySpan<int> positives, int ignoredPriors, long ticks)
    {
        Images++;
        ImagesWithoutBoxes += image.GtBoxes.Length == 0 ? 1 : 0;
        Boxes += image.GtBoxes.Length;
        IgnoreRegions += image.IgnoreBoxes.Length;
        DroppedAnnotations += image.DroppedCount;
        Priors += priors.Count;
        Positives += positives.Length;
        IgnoredPriors += ignoredPriors;
        AssignTicks += ticks;
        for (int g = 0; g < image.GtBoxes.Length; g++)
        {
            _buckets[(int)SizeBuckets.Of(image.GtAreas[g])].Add(gtStatistics[g], _hasIouThreshold);
        }

        for (int l = 0; l < priors.LevelCount; l++)
        {
            _levelPriors[l] += priors.LevelCounts[l];
        }

        // Positives are ascending, so one forward walk over the level boundaries suffices.
        int level = 0;
        int levelEnd = priors.LevelCounts[0];
        foreach (int p in positives)
        {
            while (p >= levelEnd)
            {
                level++;
                levelEnd += priors.LevelCounts[level];
            }

            _levelPositives[level]++;
        }
    }
}
