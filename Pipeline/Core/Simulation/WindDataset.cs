namespace TurbineConsole.Pipeline.Simulation;

/// <summary>The lab's three simulation datasets.</summary>
public enum WindDataset
{
    /// <summary>"Wind speed data set": several farms, several turbines each, ordinary wind.</summary>
    Normal,
    /// <summary>"Wind speed anomaly data set": the same with severe events at seeded positions.</summary>
    Anomaly,
    /// <summary>"DIY data set": the "City" farm alone, for the max-speed job.</summary>
    Diy,
}
