using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// The part of a detector's training pipeline that shapes assignment inputs, shared by every strategy of one
/// convention: the resize and the conversion of COCO <c>[x, y, w, h]</c> annotations into target boxes and ignore regions.
/// </summary>
internal abstract class TrainingRecipe
{
    private protected TrainingRecipe(Convention convention, ResizeScale scale)
    {
        Convention = convention;
        Scale = scale;
    }

    public Convention Convention { get; }

    public ResizeScale Scale { get; }

    /// <summary>One-line description of the resize and box conversion, for report headers.</summary>
    public abstract string PipelineDescription { get; }

    /// <summary>The recipe of a convention.</summary>
    public static TrainingRecipe Create(Convention convention, ResizeScale scale) => convention switch
    {
        Convention.Paper => new PaperRecipe(scale),
        _ => new MmDetectionRecipe(scale),
    };

    /// <summary>Resizes the image and converts its annotations.</summary>
    public PreparedImage Prepare(CocoDataset dataset, in CocoImage image)
    {
        ResizedImage size = Resize(image.Width, image.Height);
        AnnotationList annotations = dataset.AnnotationsOf(image);
        var boxes = new List<Box>(annotations.Count);
        var labels = new List<int>(annotations.Count);
        var areas = new List<double>(annotations.Count);
        var ignore = new List<Box>();
        int dropped = 0;
        for (int i = 0; i < annotations.Count; i++)
        {
            CocoAnnotation annotation = annotations[i];
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

        return new PreparedImage(image.Id, size, [.. boxes], [.. labels], [.. areas], [.. ignore], dropped);
    }

    /// <summary>The recipe's resize of an image of the given original size.</summary>
    public abstract ResizedImage Resize(int width, int height);

    /// <summary>Describes the resize for report headers.</summary>
    private protected string ResizeDescription(string rounding)
        => Scale.IsNone
            ? "no resize (original size), pad to 32"
            : $"shorter side {Scale.ShortSide}, longer <= {Scale.LongSide} ({rounding}), pad to 32";

    /// <summary>Converts one annotation to resized-image pixels and says how the pipeline uses it.</summary>
    private protected abstract AnnotationUse Convert(in CocoAnnotation annotation, in CocoImage image, ResizedImage size, out Box box);

    private protected enum AnnotationUse
    {
        Dropped,
        Target,
        IgnoreRegion,
    }
}
