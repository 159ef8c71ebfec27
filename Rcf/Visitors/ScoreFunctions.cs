namespace TurbineConsole.Rcf.Visitors;

/// <summary>The standard RCF scalar score functions (displacement-based), as the reference defines them.</summary>
internal static class ScoreFunctions
{
    /// <summary>Contribution of a leaf that equals the scored point: 1 / (depth + log2(mass + 1)).</summary>
    public static double Seen(int depth, int mass) => 1.0 / (depth + Math.Log2(mass + 1.0));

    /// <summary>Contribution of separating the point at a node of the given depth: 1 / (depth + 1).</summary>
    public static double Unseen(int depth) => 1.0 / (depth + 1.0);

    /// <summary>Damping of a seen leaf that holds many copies of the point: 1 - leafMass / (2 x treeMass).</summary>
    public static double Damp(int leafMass, int treeMass) => 1.0 - leafMass / (2.0 * treeMass);

    /// <summary>Scales a tree's raw score to the reference's scale: score x log2(treeMass + 1).</summary>
    public static double Normalize(double score, int treeMass) => score * Math.Log2(treeMass + 1.0);
}
