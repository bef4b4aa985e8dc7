package io.neuroframe.demo.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.Vector3f;
import io.neuroframe.demo.world.BlockType;
import io.neuroframe.demo.world.Chunk;
import io.neuroframe.demo.world.ChunkPos;
import io.neuroframe.demo.world.World;
import org.junit.jupiter.api.Test;

class PlayerBodyTest {
    private static final float DT = 1f / 60f;

    /** A stone floor at y = 9 over 5x5 chunks, with a wall two blocks thick (x = 20, 21) of the given height. */
    private static World floorWithWall(int wallHeight) {
        World world = new World();
        for (int cz = -2; cz <= 2; cz++) {
            for (int cx = -2; cx <= 2; cx++) {
                Chunk chunk = new Chunk(new ChunkPos(cx, cz));
                for (int z = 0; z < Chunk.SIZE; z++) {
                    for (int x = 0; x < Chunk.SIZE; x++) {
                        chunk.set(x, 9, z, BlockType.STONE);
                    }
                }
                world.put(chunk);
            }
        }
        for (int z = -32; z < 48; z++) {
            for (int y = 10; y < 10 + wallHeight; y++) {
                world.setBlock(20, y, z, BlockType.STONE);
                world.setBlock(21, y, z, BlockType.STONE);
            }
        }
        return world;
    }

    private static PlayerBody bodyAt(float x, float y, float z, float yaw) {
        PlayerBody body = new PlayerBody();
        body.teleport(x, y, z);
        body.setLook(yaw, 0);
        return body;
    }

    @Test
    void gravityBringsThePlayerDownOntoTheFloor() {
        World world = floorWithWall(0);
        PlayerBody body = bodyAt(5.5f, 14f, 5.5f, 0);
        PlayerInput idle = new PlayerInput();
        for (int i = 0; i < 120; i++) {
            body.step(idle, DT, world);
        }
        assertEquals(10f, body.position().y, 1e-3);
        assertTrue(body.isOnGround());
    }

    @Test
    void aWallStopsThePlayerAtItsFace() {
        World world = floorWithWall(3);
        PlayerBody body = bodyAt(10.5f, 10f, 5.5f, 90f);
        PlayerInput walk = new PlayerInput();
        walk.forward = true;
        walk.sprint = true;
        for (int i = 0; i < 300; i++) {
            body.step(walk, DT, world);
        }
        assertEquals(20f - PlayerBody.WIDTH / 2, body.position().x, 1e-3);
        assertEquals(5.5f, body.position().z, 1e-3);
        assertEquals(10f, body.position().y, 1e-3);
        assertTrue(body.wasBlockedHorizontally());
    }

    @Test
    void jumpingClimbsAOneBlockStepButNotATwoBlockWall() {
        PlayerInput jumpForward = new PlayerInput();
        jumpForward.forward = true;
        jumpForward.jump = true;

        World step = floorWithWall(1);
        PlayerBody climber = bodyAt(17.5f, 10f, 5.5f, 90f);
        for (int i = 0; i < 120; i++) {
            climber.step(jumpForward, DT, step);
        }
        assertTrue(climber.position().x > 22f, "crossed the step: x = " + climber.position().x);

        World wall = floorWithWall(2);
        PlayerBody blocked = bodyAt(17.5f, 10f, 5.5f, 90f);
        for (int i = 0; i < 120; i++) {
            blocked.step(jumpForward, DT, wall);
        }
        assertTrue(blocked.position().x < 20f, "stopped by the wall: x = " + blocked.position().x);
    }

    @Test
    void walkingSlidesAlongAWallWhenMovingDiagonally() {
        World world = floorWithWall(3);
        PlayerBody body = bodyAt(18.5f, 10f, 5.5f, 135f);
        PlayerInput walk = new PlayerInput();
        walk.forward = true;
        for (int i = 0; i < 60; i++) {
            body.step(walk, DT, world);
        }
        assertEquals(20f - PlayerBody.WIDTH / 2, body.position().x, 1e-3);
        assertTrue(body.position().z > 7.5f, "slid along the wall to z = " + body.position().z);
    }

    @Test
    void raycastFindsTheBlockAndFaceInView() {
        World world = floorWithWall(3);
        PlayerBody body = bodyAt(15.5f, 10f, 5.5f, 90f);
        VoxelRaycast.Hit hit = VoxelRaycast.cast(world, body.eye(new Vector3f()), body.lookDirection(new Vector3f()), 6);
        assertNotNull(hit);
        assertEquals(20, hit.x());
        assertEquals(11, hit.y());
        assertEquals(-1, hit.normalX());
        assertEquals(4.5f, hit.distance(), 1e-3);
        body.setLook(90f, 89f);
        hit = VoxelRaycast.cast(world, body.eye(new Vector3f()), body.lookDirection(new Vector3f()), 6);
        assertEquals(9, hit.y());
        assertEquals(1, hit.normalY());
        body.setLook(270f, 0);
        assertEquals(null, VoxelRaycast.cast(world, body.eye(new Vector3f()), body.lookDirection(new Vector3f()), 6));
    }

    @Test
    void breakingAndPlacingChangeTheWorld() {
        World world = floorWithWall(3);
        PlayerSimulation player = new PlayerSimulation(world);
        player.requestSpawn(17, 5, 90f, 0f);
        PlayerInput input = new PlayerInput();
        player.step(input, DT);
        assertTrue(player.isPlaced());
        player.body().teleport(17.5f, 10f, 5.5f);
        input.attack = true;
        player.step(input, DT);
        assertEquals(BlockType.AIR, world.blockAt(20, 11, 5));
        assertEquals(1, player.blocksBroken());
        input.attack = false;
        input.use = true;
        player.step(input, DT);
        assertEquals(BlockType.PLANKS, world.blockAt(20, 11, 5));
        assertFalse(world.blockAt(19, 11, 5).isSolid());
    }
}
