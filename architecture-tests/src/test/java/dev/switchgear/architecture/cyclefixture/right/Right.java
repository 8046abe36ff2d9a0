package dev.switchgear.architecture.cyclefixture.right;

import dev.switchgear.architecture.cyclefixture.left.Left;

/** The other half of a deliberate package cycle, for proving that the cycle rule bites. */
public class Right {

    public Left left() {
        return new Left();
    }
}
