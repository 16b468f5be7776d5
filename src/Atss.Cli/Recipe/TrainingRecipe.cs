using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// The part of a detector's training pipeline that shapes assignment inputs: assigner options, prior generator,
/// resize and the conversion of COCO <c>[x, y, w, h]</c> boxes. Priors are generated once per padded size and cached.
/// </summary>
internal abstract class TrainingRecipe
{
    private readonly Dictionary<(int Height, int Width), PriorSet> _priors = [];

    private protected TrainingRecipe(Convention convention, AtssOptions options, IPriorGenerator generator)
    {
        Convention = convention;
        Options = options;
        Generator = generator;
    }

    public Convention Convention { get; }

    public AtssOptions Options { get; }

    public IPriorGenerator Generator { get; }

    /// <summary>One-line description of the assigner settings and priors, for the report header.</summary>
    public abstract string AssignerDescription { get; }

    /// <summary>One-line description of the resize and box conversion, for the report header.</summary>
    public abstract string PipelineDescription { get; }

    /// <summary>Number of distinct padded sizes seen so far (one prior set each).</summary>
    public int PriorSetCount => _priors.Count;

    /// <summary>The recipe of a convention, with the given candidates per level.</summary>
    public static TrainingRecipe Create(Convention convention, int topK) => convention switch
    {
        Convention.Paper => new PaperRecipe(topK),
        _ => new MmDetectionRecipe(topK),
    };

    /// <summary>Resizes the image, fetches its priors and converts its annotations.</summary>
    public PreparedImage Prepare(CocoImage image, CocoDataset dataset)
    {
        ResizedImage size = Resize(image.Width, image.Height);
        PriorSet priors = PriorsFor(size.PaddedHeight, size.PaddedWidth);
        var boxes = new List<Box>(image.Annotations.Count);
        var labels = new List<int>(image.Annotations.Count);
        var areas = new List<double>(image.Annotations.Count);
        var ignore = new List<Box>();
        int dropped = 0;
        foreach (CocoAnnotation annotation in image.Annotations)
        {
            if (!dataset.TryGetLabel(annotation.CategoryId, out int label))
            {
                dropped++;
                continue;
            }

            switch (Convert(annotation, image, size, out Box box))
            {
                case AnnotationUse.Target:
                    boxes.Add(box);
                    labels.Add(label);
                    areas.Add(annotation.Area);
                    break;
                case AnnotationUse.IgnoreRegion:
                    ignore.Add(box);
                    break;
                default:
                    dropped++;
                    break;
            }
        }

        return new PreparedImage(image.Id, size, priors, [.. boxes], [.. labels], [.. areas], [.. ignore], dropped);
    }

    /// <summary>The recipe's resize of an image of the given original size.</summary>
    public abstract ResizedImage Resize(int width, int height);

    /// <summary>Converts one annotation to resized-image pixels and says how the pipeline uses it.</summary>
    private protected abstract AnnotationUse Convert(CocoAnnotation annotation, CocoImage image, ResizedImage size, out Box box);

    private PriorSet PriorsFor(int paddedHeight, int paddedWidth)
    {
        if (!_priors.TryGetValue((paddedHeight, paddedWidth), out PriorSet? priors))
        {
            priors = Generator.Generate(paddedHeight, paddedWidth);
            _priors.Add((paddedHeight, paddedWidth), priors);
        }

        return priors;
    }

    private protected enum AnnotationUse
    {
        Dropped,
        Target,
        IgnoreRegion,
    }
}
