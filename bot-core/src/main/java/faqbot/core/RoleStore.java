package faqbot.core;

import java.util.Map;

/**
 * Port: staff roles by "platform:userId". Patients have no row; granting {@link Role#PATIENT}
 * removes the user's role.
 */
interface RoleStore {

  /** Every stored role, by "platform:userId". */
  Map<String, Role> all();

  /**
   * The role stored for "platform:userId" now, {@link Role#PATIENT} when none; read at each call,
   * as another process may have granted or revoked it.
   */
  Role roleOf(String userRef);

  void set(String userRef, Role role, String actor);
}
