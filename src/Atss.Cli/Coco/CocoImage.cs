namespace Atss.Cli.Coco;

/// <summary>One image of a COCO file: its size in pixels and where its annotations are listed (see <see cref="CocoDataset.AnnotationsOf"/>).</summary>
/// <param name="Id">The COCO image id.</param>
/// <param name="Width">Original width in pixels (&gt; 0).</param>
/// <param name="Height">Original height in pixels (&gt; 0).</param>
/// <param name="FileName">The image file name, when the file gives one.</param>
/// <param name="FirstAnnotation">Where the image's annotations start in the dataset's grouping order.</param>
/// <param name="AnnotationCount">Number of annotations of the image (in file order).</param>
internal readonly record struct CocoImage(long Id, int Width, int Height, string? FileName, int FirstAnnotation, int AnnotationCount);
