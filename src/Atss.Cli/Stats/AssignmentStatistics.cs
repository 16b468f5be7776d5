using Atss.Cli.Recipe;

namespace Atss.Cli.Stats;

/// <summary>
/// Accumulates what an assignment pass produced over many images: positives per box by COCO size bucket,
/// positives per FPN level, boxes left without positives, and input totals.
/// </summary>
internal sealed class AssignmentStatistics
{
    private readonly BucketTally[] _buckets = [new(), new(), new()];
    private readonly long[] _levelPositives;
    private readonly long[] _levelPriors;

    public AssignmentStatistics(int levelCount)
    {
        _levelPositives = new long[levelCount];
        _levelPriors = new long[levelCount];
    }

    public int Images { get; private set; }

    public int ImagesWithoutBoxes { get; private set; }

    public long Boxes { get; private set; }

    public long IgnoreRegions { get; private set; }

    public long DroppedAnnotations { get; private set; }

    public long Priors { get; private set; }

    public long Positives { get; private set; }

    public int LevelCount => _levelPositives.Length;

    public BucketTally Bucket(SizeBucket bucket) => _buckets[(int)bucket];

    /// <summary>All buckets together.</summary>
    public BucketTally All => BucketTally.Sum(_buckets);

    public long LevelPositives(int level) => _levelPositives[level];

    public long LevelPriors(int level) => _levelPriors[level];

    /// <summary>Adds one assigned image.</summary>
    /// <param name="image">The image's inputs.</param>
    /// <param name="gtStatistics">Per-box statistics the assigner wrote (one per target box).</param>
    /// <param name="positives">The positive prior indices (ascending).</param>
    public void Add(PreparedImage image, ReadOnlySpan<GtStatistics> gtStatistics, ReadOnlySpan<int> positives)
    {
        Images++;
        ImagesWithoutBoxes += image.GtBoxes.Length == 0 ? 1 : 0;
        Boxes += image.GtBoxes.Length;
        IgnoreRegions += image.IgnoreBoxes.Length;
        DroppedAnnotations += image.DroppedCount;
        Priors += image.Priors.Count;
        Positives += positives.Length;
        for (int g = 0; g < image.GtBoxes.Length; g++)
        {
            _buckets[(int)SizeBuckets.Of(image.GtAreas[g])].Add(gtStatistics[g]);
        }

        PriorSet priors = image.Priors;
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
