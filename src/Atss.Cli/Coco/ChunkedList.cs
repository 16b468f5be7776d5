namespace Atss.Cli.Coco;

/// <summary>
/// An append-only list stored in fixed-size chunks: growing it never copies what it holds, so reading a large file
/// never needs twice its records in memory at once (as a doubling <see cref="List{T}"/> would).
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int ChunkShift = 13;
    private const int ChunkSize = 1 << ChunkShift;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public ref T this[int index] => ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];

    public void Add(in T item)
    {
        int chunk = Count >> ChunkShift;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[chunk][Count & (ChunkSize - 1)] = item;
        Count++;
    }
}
