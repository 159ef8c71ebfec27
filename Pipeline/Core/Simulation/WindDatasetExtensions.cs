namespace TurbineConsole.Pipeline.Simulation;

/// <summary>Names of the datasets, as the lab's simulator shows them and as readings carry them.</summary>
public static class WindDatasetExtensions
{
    /// <summary>The lab's name for the dataset, for the UI.</summary>
    public static string DisplayName(this WindDataset dataset) => dataset switch
    {
        WindDataset.Normal => "Wind speed data set",
        WindDataset.Anomaly => "Wind speed anomaly data set",
        WindDataset.Diy => "DIY data set",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };

    /// <summary>The value of the readings' <c>dataset</c> field.</summary>
    public static string Tag(this WindDataset dataset) => dataset switch
    {
        WindDataset.Normal => "normal",
        WindDataset.Anomaly => "anomaly",
        WindDataset.Diy => "diy",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };
}
