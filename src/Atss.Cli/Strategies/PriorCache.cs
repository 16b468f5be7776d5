namespace Atss.Cli.Strategies;

/// <summary>
/// Prior sets by padded image size, least recently used first out once they hold more than a budget of priors: a
/// dataset has a few hundred padded sizes, and RetinaNet-style priors are about 240k per size, so keeping them all
/// would not be bounded.
/// </summary>
internal sealed class PriorCache(IPriorGenerator generator, long maxPriors = PriorCache.DefaultMaxPriors)
{
    /// <summary>About 48 MB of prior boxes and centres.</summary>
    public const long DefaultMaxPriors = 2_000_000;

    private readonly Dictionary<(int Height, int Width), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = [];
    private readonly HashSet<(int Height, int Width)> _sizes = [];
    private long _priors;

    /// <summary>Distinct padded sizes requested so far.</summary>
    public int DistinctSizes => _sizes.Count;

    /// <summary>The priors of a padded size, generated on first use (and again after eviction).</summary>
    public PriorSet Get(int paddedHeight, int paddedWidth)
    {
        var key = (paddedHeight, paddedWidth);
        if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Priors;
        }

        _sizes.Add(key);
        PriorSet priors = generator.Generate(paddedHeight, paddedWidth);
        _entries[key] = _recency.AddFirst(new Entry(key, priors));
        _priors += priors.Count;
        while (_priors > maxPriors && _recency.Count > 1)
        {
            Entry last = _recency.Last!.Value;
            _recency.RemoveLast();
            _entries.Remove(last.Key);
            _priors -= last.Priors.Count;
        }

        return priors;
    }

    private sealed record Entry((int Height, int Width) Key, PriorSet Priors);
}
