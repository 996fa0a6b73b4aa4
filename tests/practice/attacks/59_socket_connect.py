# Attack: open a network connection.
# Expect: rejected
# Says: `import`
import socket
socket.create_connection(('example.com', 80))
