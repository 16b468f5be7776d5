using Atss.Benchmarks.Scenes;
using BenchmarkDotNet.Attributes;

namespace Atss.Benchmarks;

/// <summary>
/// A training batch of 16 images of one padded size (shared <see cref="AnchorGenerator.Atss"/> priors), each with its
/// own seeded boxes. <see cref="Sequential"/> (baseline): 16 span-overload calls on one thread, one workspace, each image
/// into its own output buffers: the same outputs a training step keeps and the batch writes. <see cref="SequentialSharedOutputs"/>:
/// the same calls all writing one set of outputs (which then stays in cache; a lower bound, not the same work).
/// <see cref="Batch"/>: <c>AssignTargetsBatch(images)</c>, parallel across images, one result object per image.
/// <see cref="BatchReusingBuffers"/>: <c>AssignTargetsBatch(images, buffers)</c>, parallel, reusing one
/// <see cref="AssignmentBuffers"/> per image slot (the training-loop form, no per-prior allocation).
/// <see cref="StaticHalves"/>: about the most two cores give here: <c>Parallel.Invoke</c> of two halves of eight
/// images (the calling thread and normally one pool thread), no scheduling beyond one join.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int BatchSize = 16;
    private const int Seed = 20200614;

    private readonly AtssAssigner _assigner = new();
    private readonly AssignmentWorkspace _workspace = new();
    private readonly AssignmentWorkspace _secondWorkspace = new();
    private ImageInput[] _images = [];
    private int[] _assignedGt = [];
    private int[] _assignedLabels = [];
    private float[] _ious = [];
    private AssignmentBuffers[] _buffers = [];
    private AssignmentBuffers[] _sequentialBuffers = [];
    private AssignmentBuffers[] _halvesBuffers = [];

    [Params(10, 100)]
    public int GtCount { get; set; }

    [Params(1)]
    public int AnchorsPerLocation { get; set; }

    [Params("800x1344")]
    public string ImageSize { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (AnchorsPerLocation != 1)
        {
            throw new InvalidOperationException($"AnchorsPerLocation is {AnchorsPerLocation}; the batch benchmark uses the ATSS anchors (1).");
        }

        (int height, int width) = ImageSizeParam.Parse(ImageSize);
        PriorSet priors = AnchorGenerator.Atss.Generate(height, width);
        _images = new ImageInput[BatchSize];
        for (int i = 0; i < BatchSize; i++)
        {
            (Box[] boxes, int[] labels) = SceneGenerator.CocoLikeBoxes(GtCount, height, width, Seed + i);
            _images[i] = new ImageInput(priors, boxes, labels);
        }

        _assignedGt = new int[priors.Count];
        _assignedLabels = new int[priors.Count];
        _ious = new float[priors.Count];
        _buffers = [.. Enumerable.Range(0, BatchSize).Select(_ => new AssignmentBuffers())];
        _sequentialBuffers = [.. Enumerable.Range(0, BatchSize).Select(_ => new AssignmentBuffers())];
        _halvesBuffers = [.. Enumerable.Range(0, BatchSize).Select(_ => new AssignmentBuffers())];
        foreach (AssignmentBuffers b in _sequentialBuffers.Concat(_halvesBuffers))
        {
            b.Prepare(priors.Count, GtCount);
        }

        Verify();
    }

    [Benchmark(Baseline = true)]
    public int Sequential() => AssignRange(0, BatchSize, _workspace, _sequentialBuffers);

    [Benchmark]
    public int SequentialSharedOutputs()
    {
        int positives = 0;
        foreach (ImageInput image in _images)
        {
            positives += _assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, default, _workspace, _assignedGt, _assignedLabels, _ious);
        }

        return positives;
    }

    [Benchmark]
    public AssignmentResult[] Batch() => _assigner.AssignTargetsBatch(_images);

    [Benchmark]
    public int BatchReusingBuffers()
    {
        _assigner.AssignTargetsBatch(_images, _buffers);
        int positives = 0;
        foreach (AssignmentBuffers b in _buffers)
        {
            positives += b.PositiveCount;
        }

        return positives;
    }

    [Benchmark]
    public int StaticHalves()
    {
        int first = 0;
        int second = 0;
        Parallel.Invoke(
            () => first = AssignRange(0, BatchSize / 2, _workspace, _halvesBuffers),
            () => second = AssignRange(BatchSize / 2, BatchSize, _secondWorkspace, _halvesBuffers));
        return first + second;
    }

    // Images [from, to) one after another on the calling thread, image i into buffers[i].
    private int AssignRange(int from, int to, AssignmentWorkspace workspace, AssignmentBuffers[] buffers)
    {
        int positives = 0;
        for (int i = from; i < to; i++)
        {
            ImageInput image = _images[i];
            AssignmentBuffers b = buffers[i];
            positives += _assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, default, workspace, b.AssignedGt, b.Labels, b.Ious);
        }

        return positives;
    }

    private void Verify()
    {
        AssignmentResult[] batch = Batch();
        BatchReusingBuffers();
        Sequential();
        StaticHalves();
        for (int i = 0; i < BatchSize; i++)
        {
            ImageInput image = _images[i];
            _assigner.AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, default, _workspace, _assignedGt, _assignedLabels, _ious);
            if (!batch[i].AssignedGt.AsSpan().SequenceEqual(_assignedGt) || !_buffers[i].AssignedGt.SequenceEqual(_assignedGt) || !_sequentialBuffers[i].AssignedGt.SequenceEqual(_assignedGt) || !_halvesBuffers[i].AssignedGt.SequenceEqual(_assignedGt))
            {
                throw new InvalidOperationException($"Batch and Sequential differ on image {i} (G = {GtCount}, {ImageSize}).");
            }
        }
    }
}
