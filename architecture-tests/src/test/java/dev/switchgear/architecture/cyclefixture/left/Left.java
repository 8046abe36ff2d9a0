package dev.switchgear.architecture.cyclefixture.left;

import dev.switchgear.architecture.cyclefixture.right.Right;

/** Half of a deliberate package cycle, for proving that the cycle rule bites. */
public class Left {

    public Right right() {
        return new Right();
    }
}
