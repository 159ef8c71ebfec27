namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>How the Tables page orders the items of a page.</summary>
public enum TableSort
{
    /// <summary>Sort key descending (ScanIndexForward = false).</summary>
    NewestFirst,
    /// <summary>Sort key ascending.</summary>
    OldestFirst,
    /// <summary>By the number <c>score</c>, highest first.</summary>
    ScoreHighFirst,
    /// <summary>By the number <c>speed</c> (or <c>maxSpeed</c>), highest first.</summary>
    SpeedHighFirst,
}
