namespace Atss.Cli.Coco;

/// <summary>One image of a COCO file: its size in pixels and its annotations, in file order.</summary>
/// <param name="Id">The COCO image id.</param>
/// <param name="Width">Original width in pixels (&gt; 0).</param>
/// <param name="Height">Original height in pixels (&gt; 0).</param>
/// <param name="FileName">The image file name, when the file gives one.</param>
/// <param name="Annotations">The image's annotations.</param>
internal sealed record CocoImage(long Id, int Width, int Height, string? FileName, IReadOnlyList<CocoAnnotation> Annotations);
