namespace Atss.Cli.Recipe;

/// <summary>The geometry of one image after the training resize and padding.</summary>
/// <param name="Width">Resized width in pixels.</param>
/// <param name="Height">Resized height in pixels.</param>
/// <param name="PaddedWidth">Width after padding to the size divisor (what the priors cover).</param>
/// <param name="PaddedHeight">Height after padding.</param>
/// <param name="ScaleX">Factor applied to x coordinates: resized width / original width.</param>
/// <param name="ScaleY">Factor applied to y coordinates: resized height / original height.</param>
internal readonly record struct ResizedImage(int Width, int Height, int PaddedWidth, int PaddedHeight, double ScaleX, double ScaleY);
