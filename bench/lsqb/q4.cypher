MATCH (:Tag)<-[:Post_hasTag_Tag|Comment_hasTag_Tag]-(message:Post|Comment)
      -[:Post_hasCreator_Person|Comment_hasCreator_Person]->(creator:Person),
      (message)<-[:Person_likes_Post|Person_likes_Comment]-(liker:Person),
      (message)<-[:Comment_replyOf_Post|Comment_replyOf_Comment]-(comment:Comment)
RETURN count(*)
